import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{l as r,n as i,u as a}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as o}from"./useTranslation-BHcLAHjw.js";import{i as s,l as c,n as l,o as u,r as d,t as f,u as p}from"./usePageTitle-CNuGqkbR.js";import{g as m,h,r as g}from"./index-BQF-CtQ0.js";import{a as _,i as v,o as y,r as b,s as x,t as S}from"./AudiencePicker-CyLl_Ze6.js";var C=e(t(),1),w=n(),T=u(`
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
          category
        }
      }
    }
  }
`),E=u(`
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
`),D=u(`
  mutation CreatePromotion($input: PromotionInput!) {
    createPromotion(input: $input) {
      id
    }
  }
`),O=u(`
  mutation UpdatePromotion($id: ID!, $input: PromotionInput!) {
    updatePromotion(id: $id, input: $input) {
      id
    }
  }
`),k={name:``,description:``,percent:``,minQuantity:``,validFrom:``,validTo:``,stacks:!1,productIDs:[],categories:[],audience:y};function A(e,t){return e.includes(t)?e.filter(e=>e!==t):[...e,t]}function j(){let{t:e}=o(),{id:t}=a(),n=!!t,u=r();f(e(n?`promotions.editTitle`:`promotions.newTitle`));let y={name:(0,C.useId)(),description:(0,C.useId)(),percent:(0,C.useId)(),min:(0,C.useId)(),from:(0,C.useId)(),to:(0,C.useId)()},[{data:j,error:M}]=p({query:T}),[{data:N}]=p({query:E,variables:{id:t??``},pause:!n}),[P,F]=(0,C.useState)(k),[I,L]=(0,C.useState)(!1),[R,z]=(0,C.useState)(!1),[B,V]=c(D),[H,U]=c(O),W=n?H:B;(0,C.useEffect)(()=>{if(I)return;let e=N?.node?.__typename===`Promotion`?N.node:null;n&&e?(F({name:e.name,description:e.description,percent:String(e.discountBasisPoints/100),minQuantity:e.minQuantity?String(e.minQuantity):``,validFrom:e.validFrom,validTo:e.validTo,stacks:e.stacks,productIDs:(e.products??[]).map(e=>e.id),categories:e.categories??[],audience:b(e.audience)}),L(!0)):!n&&j&&(F(e=>({...e,validFrom:j.settings.today,validTo:j.settings.today})),L(!0))},[n,N,j,I]);let G=e=>F(t=>({...t,...e})),K=s(W.error).map(e=>({...e,name:d(e.field).name})),q=t=>K.filter(e=>(e.code===`INVALID_INPUT`||e.code===`NOT_FOUND`)&&e.name===t).map(t=>l(e,t,`promotions`))[0],J=K.filter(e=>!x(e)&&(e.code!==`INVALID_INPUT`&&e.code!==`NOT_FOUND`||!e.field)).map(t=>l(e,t,`promotions`)),Y=async e=>{e.preventDefault();let r=g(P.percent);if(z(r===null),r===null)return;let i={name:P.name,description:P.description||null,discountBasisPoints:r,minQuantity:P.minQuantity?Number(P.minQuantity):null,validFrom:P.validFrom,validTo:P.validTo,stacks:P.stacks,productIDs:P.productIDs,categories:P.categories,audience:_(P.audience)},a=n?await U({id:t,input:i}):await V({input:i});!a.error&&a.data&&u(`/promotions`)};if(M&&!j)return(0,w.jsx)(h,{error:M});if(!j||n&&!I)return(0,w.jsx)(m,{});let X=(j.products.edges??[]).flatMap(e=>e?.node?[e.node]:[]),Z=[...new Set(X.map(e=>e.category).filter(Boolean))].sort(),Q=e=>{let t=q(e);return t?(0,w.jsx)(`p`,{className:`field-error`,role:`alert`,children:t}):null};return(0,w.jsxs)(`section`,{"aria-labelledby":`promotion-editor-title`,children:[(0,w.jsx)(`p`,{className:`back`,children:(0,w.jsxs)(i,{to:`/promotions`,children:[`← `,e(`promotions.back`)]})}),(0,w.jsx)(`h1`,{id:`promotion-editor-title`,children:e(n?`promotions.editTitle`:`promotions.newTitle`)}),(0,w.jsxs)(`form`,{className:`form promotion-editor`,onSubmit:Y,noValidate:!0,children:[(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:y.name,children:e(`promotions.name`)}),(0,w.jsx)(`input`,{id:y.name,name:`name`,value:P.name,maxLength:200,onChange:e=>G({name:e.target.value})}),Q(`name`)]}),(0,w.jsxs)(`div`,{className:`field field-wide`,children:[(0,w.jsx)(`label`,{htmlFor:y.description,children:e(`promotions.description`)}),(0,w.jsx)(`textarea`,{id:y.description,name:`description`,rows:4,value:P.description,onChange:e=>G({description:e.target.value})}),Q(`description`)]}),(0,w.jsxs)(`div`,{className:`field-row`,children:[(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:y.percent,children:e(`promotions.percentField`)}),(0,w.jsx)(`input`,{id:y.percent,name:`percent`,inputMode:`decimal`,value:P.percent,onChange:e=>G({percent:e.target.value})}),R&&(0,w.jsx)(`p`,{className:`field-error`,role:`alert`,children:e(`promotions.field.discountBasisPoints`)}),Q(`discountBasisPoints`)]}),(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:y.min,children:e(`promotions.minQuantityField`)}),(0,w.jsx)(`input`,{id:y.min,name:`minQuantity`,type:`number`,min:1,step:1,value:P.minQuantity,onChange:e=>G({minQuantity:e.target.value})}),Q(`minQuantity`)]})]}),(0,w.jsxs)(`div`,{className:`field-row`,children:[(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:y.from,children:e(`promotions.validFrom`)}),(0,w.jsx)(`input`,{id:y.from,name:`validFrom`,type:`date`,value:P.validFrom,onChange:e=>G({validFrom:e.target.value})}),Q(`validFrom`)]}),(0,w.jsxs)(`div`,{className:`field`,children:[(0,w.jsx)(`label`,{htmlFor:y.to,children:e(`promotions.validTo`)}),(0,w.jsx)(`input`,{id:y.to,name:`validTo`,type:`date`,value:P.validTo,onChange:e=>G({validTo:e.target.value})}),Q(`validTo`)]})]}),(0,w.jsxs)(`label`,{className:`check`,children:[(0,w.jsx)(`input`,{type:`checkbox`,name:`stacks`,checked:P.stacks,onChange:e=>G({stacks:e.target.checked})}),` `,e(`promotions.stacksField`)]}),(0,w.jsxs)(`fieldset`,{className:`promotion-covers`,children:[(0,w.jsx)(`legend`,{children:e(`promotions.covers`)}),(0,w.jsx)(`p`,{className:`muted`,children:e(`promotions.coversHint`)}),(0,w.jsxs)(`fieldset`,{children:[(0,w.jsx)(`legend`,{children:e(`promotions.categories`)}),Z.map(e=>(0,w.jsxs)(`label`,{className:`check`,children:[(0,w.jsx)(`input`,{type:`checkbox`,"data-category":e,checked:P.categories.includes(e),onChange:()=>G({categories:A(P.categories,e)})}),` `,e]},e)),Q(`categories`)]}),(0,w.jsxs)(`fieldset`,{children:[(0,w.jsx)(`legend`,{children:e(`promotions.products`)}),(0,w.jsx)(`div`,{className:`product-picks`,children:X.map(e=>(0,w.jsxs)(`label`,{className:`check`,children:[(0,w.jsx)(`input`,{type:`checkbox`,"data-product":e.sku,checked:P.productIDs.includes(e.id),onChange:()=>G({productIDs:A(P.productIDs,e.id)})}),` `,(0,w.jsx)(`span`,{className:`mono`,children:e.sku}),` `,e.name]},e.id))}),Q(`productIDs`)]})]}),(0,w.jsx)(S,{legend:e(`promotions.audience`),value:P.audience,onChange:e=>G({audience:e}),error:v(e,K)}),J.map((e,t)=>(0,w.jsx)(`p`,{className:`field-error`,role:`alert`,children:e},t)),(0,w.jsx)(`p`,{className:`actions-row`,children:(0,w.jsx)(`button`,{type:`submit`,className:`button button-primary`,"data-action":`save-promotion`,disabled:W.fetching,children:e(n?`promotions.save`:`promotions.publish`)})})]})]})}export{D as CreatePromotionMutation,j as PromotionEditor,T as PromotionEditorOptionsQuery,E as PromotionQuery,O as UpdatePromotionMutation};