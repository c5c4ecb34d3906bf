import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{l as r,n as i,u as a}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as o}from"./useTranslation-BHcLAHjw.js";import{i as s,l as c,n as l,o as u,r as ee,t as d,u as f}from"./usePageTitle-CUEgSYxO.js";import{n as p,r as m}from"./States-Fx22-PiY.js";import{a as h,i as g,o as _,r as v,s as y,t as b}from"./AudiencePicker-D2849vP_.js";import{d as x}from"./index-Bfgpyg1k.js";import{n as S,t as C}from"./localName-OkrEYGri.js";var w=e(t(),1),T=n(),E=u(`
  query PromotionEditorOptions {
    settings {
      today
    }
    products(first: 100, where: { active: true }, orderBy: { field: SKU }) {
      edges {
        node {
          id
          sku
          name
          nameZh
          category
          categoryZh
        }
      }
    }
  }
`),D=u(`
  query Promotion($id: ID!) {
    node(id: $id) {
      __typename
      ... on Promotion {
        id
        name
        description
        discountBasisPoints
        minQuantity
        validFrom
        validTo
        stacks
        categories
        products {
          id
        }
        audience {
          ...AudienceFields
        }
      }
    }
  }
`),O=u(`
  mutation CreatePromotion($input: PromotionInput!) {
    createPromotion(input: $input) {
      id
    }
  }
`),k=u(`
  mutation UpdatePromotion($id: ID!, $input: PromotionInput!) {
    updatePromotion(id: $id, input: $input) {
      id
    }
  }
`),A={name:``,description:``,percent:``,minQuantity:``,validFrom:``,validTo:``,stacks:!1,productIDs:[],categories:[],audience:_};function j(e,t){return e.includes(t)?e.filter(e=>e!==t):[...e,t]}function M(){let{t:e,i18n:t}=o(),{id:n}=a(),u=!!n,_=r();d(e(u?`promotions.editTitle`:`promotions.newTitle`));let M={name:(0,w.useId)(),description:(0,w.useId)(),percent:(0,w.useId)(),min:(0,w.useId)(),from:(0,w.useId)(),to:(0,w.useId)()},[{data:N,error:P}]=f({query:E}),[{data:F}]=f({query:D,variables:{id:n??``},pause:!u}),[I,L]=(0,w.useState)(A),[R,z]=(0,w.useState)(!1),[B,V]=(0,w.useState)(!1),[H,U]=c(O),[W,G]=c(k),K=u?W:H;(0,w.useEffect)(()=>{if(R)return;let e=F?.node?.__typename===`Promotion`?F.node:null;u&&e?(L({name:e.name,description:e.description,percent:String(e.discountBasisPoints/100),minQuantity:e.minQuantity?String(e.minQuantity):``,validFrom:e.validFrom,validTo:e.validTo,stacks:e.stacks,productIDs:(e.products??[]).map(e=>e.id),categories:e.categories??[],audience:v(e.audience)}),z(!0)):!u&&N&&(L(e=>({...e,validFrom:N.settings.today,validTo:N.settings.today})),z(!0))},[u,F,N,R]);let q=e=>L(t=>({...t,...e})),J=s(K.error).map(e=>({...e,name:ee(e.field).name})),Y=t=>J.filter(e=>(e.code===`INVALID_INPUT`||e.code===`NOT_FOUND`)&&e.name===t).map(t=>l(e,t,`promotions`))[0],X=J.filter(e=>!y(e)&&(e.code!==`INVALID_INPUT`&&e.code!==`NOT_FOUND`||!e.field)).map(t=>l(e,t,`promotions`)),Z=async e=>{e.preventDefault();let t=x(I.percent);if(V(t===null),t===null)return;let r={name:I.name,description:I.description||null,discountBasisPoints:t,minQuantity:I.minQuantity?Number(I.minQuantity):null,validFrom:I.validFrom,validTo:I.validTo,stacks:I.stacks,productIDs:I.productIDs,categories:I.categories,audience:h(I.audience)},i=u?await G({id:n,input:r}):await U({input:r});!i.error&&i.data&&_(`/promotions`)};if(P&&!N)return(0,T.jsx)(p,{error:P});if(!N||u&&!R)return(0,T.jsx)(m,{});let Q=(N.products.edges??[]).flatMap(e=>e?.node?[e.node]:[]),te=[...new Set(Q.map(e=>e.category).filter(Boolean))].sort(),ne=e=>{let n=Q.find(t=>t.category===e);return n?C(n,t.language):e},$=e=>{let t=Y(e);return t?(0,T.jsx)(`p`,{className:`field-error`,role:`alert`,children:t}):null};return(0,T.jsxs)(`section`,{"aria-labelledby":`promotion-editor-title`,children:[(0,T.jsx)(`p`,{className:`back`,children:(0,T.jsxs)(i,{to:`/promotions`,children:[`← `,e(`promotions.back`)]})}),(0,T.jsx)(`h1`,{id:`promotion-editor-title`,children:e(u?`promotions.editTitle`:`promotions.newTitle`)}),(0,T.jsxs)(`form`,{className:`form promotion-editor`,onSubmit:Z,noValidate:!0,children:[(0,T.jsxs)(`div`,{className:`field`,children:[(0,T.jsx)(`label`,{htmlFor:M.name,children:e(`promotions.name`)}),(0,T.jsx)(`input`,{id:M.name,name:`name`,value:I.name,maxLength:200,onChange:e=>q({name:e.target.value})}),$(`name`)]}),(0,T.jsxs)(`div`,{className:`field field-wide`,children:[(0,T.jsx)(`label`,{htmlFor:M.description,children:e(`promotions.description`)}),(0,T.jsx)(`textarea`,{id:M.description,name:`description`,rows:4,value:I.description,onChange:e=>q({description:e.target.value})}),$(`description`)]}),(0,T.jsxs)(`div`,{className:`field-row`,children:[(0,T.jsxs)(`div`,{className:`field`,children:[(0,T.jsx)(`label`,{htmlFor:M.percent,children:e(`promotions.percentField`)}),(0,T.jsx)(`input`,{id:M.percent,name:`percent`,inputMode:`decimal`,value:I.percent,onChange:e=>q({percent:e.target.value})}),B&&(0,T.jsx)(`p`,{className:`field-error`,role:`alert`,children:e(`promotions.field.discountBasisPoints`)}),$(`discountBasisPoints`)]}),(0,T.jsxs)(`div`,{className:`field`,children:[(0,T.jsx)(`label`,{htmlFor:M.min,children:e(`promotions.minQuantityField`)}),(0,T.jsx)(`input`,{id:M.min,name:`minQuantity`,type:`number`,min:1,step:1,value:I.minQuantity,onChange:e=>q({minQuantity:e.target.value})}),$(`minQuantity`)]})]}),(0,T.jsxs)(`div`,{className:`field-row`,children:[(0,T.jsxs)(`div`,{className:`field`,children:[(0,T.jsx)(`label`,{htmlFor:M.from,children:e(`promotions.validFrom`)}),(0,T.jsx)(`input`,{id:M.from,name:`validFrom`,type:`date`,value:I.validFrom,onChange:e=>q({validFrom:e.target.value})}),$(`validFrom`)]}),(0,T.jsxs)(`div`,{className:`field`,children:[(0,T.jsx)(`label`,{htmlFor:M.to,children:e(`promotions.validTo`)}),(0,T.jsx)(`input`,{id:M.to,name:`validTo`,type:`date`,value:I.validTo,onChange:e=>q({validTo:e.target.value})}),$(`validTo`)]})]}),(0,T.jsxs)(`label`,{className:`check`,children:[(0,T.jsx)(`input`,{type:`checkbox`,name:`stacks`,checked:I.stacks,onChange:e=>q({stacks:e.target.checked})}),` `,e(`promotions.stacksField`)]}),(0,T.jsxs)(`fieldset`,{className:`promotion-covers`,children:[(0,T.jsx)(`legend`,{children:e(`promotions.covers`)}),(0,T.jsx)(`p`,{className:`muted`,children:e(`promotions.coversHint`)}),(0,T.jsxs)(`fieldset`,{children:[(0,T.jsx)(`legend`,{children:e(`promotions.categories`)}),te.map(e=>(0,T.jsxs)(`label`,{className:`check`,children:[(0,T.jsx)(`input`,{type:`checkbox`,"data-category":e,checked:I.categories.includes(e),onChange:()=>q({categories:j(I.categories,e)})}),` `,ne(e)]},e)),$(`categories`)]}),(0,T.jsxs)(`fieldset`,{children:[(0,T.jsx)(`legend`,{children:e(`promotions.products`)}),(0,T.jsx)(`div`,{className:`product-picks`,children:Q.map(e=>(0,T.jsxs)(`label`,{className:`check`,children:[(0,T.jsx)(`input`,{type:`checkbox`,"data-product":e.sku,checked:I.productIDs.includes(e.id),onChange:()=>q({productIDs:j(I.productIDs,e.id)})}),` `,(0,T.jsx)(`span`,{className:`mono`,children:e.sku}),` `,S(e,t.language)]},e.id))}),$(`productIDs`)]})]}),(0,T.jsx)(b,{legend:e(`promotions.audience`),value:I.audience,onChange:e=>q({audience:e}),error:g(e,J)}),X.map((e,t)=>(0,T.jsx)(`p`,{className:`field-error`,role:`alert`,children:e},t)),(0,T.jsx)(`p`,{className:`actions-row`,children:(0,T.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`save-promotion`,disabled:K.fetching,children:e(u?`promotions.save`:`promotions.publish`)})})]})]})}export{O as CreatePromotionMutation,M as PromotionEditor,E as PromotionEditorOptionsQuery,D as PromotionQuery,k as UpdatePromotionMutation};