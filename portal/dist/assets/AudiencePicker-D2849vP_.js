import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{n as i,o as a,r as o,u as s}from"./usePageTitle-CUEgSYxO.js";import{t as c}from"./audience-BZxjt0Ee.js";import{n as l}from"./localName-OkrEYGri.js";var u=e(t(),1),d=n(),f=a(`
  query AudienceOptions {
    channels(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          name
          nameZh
          region
        }
      }
    }
  }
`),p=a(`
  query DealerSearch($q: String) {
    dealers(where: { nameContainsFold: $q }, orderBy: { field: NAME }, first: 10) {
      edges {
        node {
          id
          code
          name
        }
      }
    }
  }
`),m={all:!0,channels:[],tiers:[],territories:[],dealers:[]};function h(e){return{all:e.all,channels:e.channels,tiers:e.tiers,territories:e.territories,dealers:e.dealers}}function g(e){return e.all?{all:!0}:{all:!1,channelIDs:e.channels.map(e=>e.id),tiers:e.tiers,territoryIDs:e.territories.map(e=>e.id),dealerIDs:e.dealers.map(e=>e.id)}}function _(e){return o(e.field).name.split(`.`)[0]===`audience`}function v(e,t,n){return t.filter(_).map(t=>t.code===`INVALID_INPUT`?n??e(`errors.field.audience`):t.code===`FORBIDDEN`?e(`audience.picker.forbidden`):t.code===`NOT_FOUND`?e(`audience.picker.notFound`):i(e,t))[0]}function y(e,t,n){return e.some(e=>n(e,t))?e.filter(e=>!n(e,t)):[...e,t]}function b({legend:e,attr:t,items:n,chosen:r,flip:i}){return(0,d.jsxs)(`fieldset`,{children:[(0,d.jsx)(`legend`,{children:e}),n.map(e=>(0,d.jsxs)(`label`,{className:`check`,children:[(0,d.jsx)(`input`,{type:`checkbox`,[t]:e.mark,checked:r(e.key),onChange:()=>i(e.key)}),` `,e.label]},e.key))]})}function x({value:e,onChange:t,error:n,legend:i}){let{t:a,i18n:o}=r(),m=(0,u.useId)(),[{data:h}]=s({query:f}),[g,_]=(0,u.useState)(``),[{data:v}]=s({query:p,variables:{q:g},pause:g.trim().length<2}),x=(h?.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),S=(h?.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),C=(v?.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),w=(e,t)=>e.id===t.id,T=n=>t({...e,...n});return(0,d.jsxs)(`fieldset`,{className:`audience-picker`,children:[(0,d.jsx)(`legend`,{children:i??a(`audience.picker.legend`)}),(0,d.jsxs)(`label`,{className:`check`,children:[(0,d.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`all`,checked:e.all,onChange:()=>T({all:!0})}),` `,a(`audience.all`)]}),(0,d.jsxs)(`label`,{className:`check`,children:[(0,d.jsx)(`input`,{type:`radio`,name:`audience-mode`,value:`choose`,checked:!e.all,onChange:()=>T({all:!1})}),` `,a(`audience.picker.choose`)]}),!e.all&&(0,d.jsxs)(`div`,{className:`audience-dimensions`,children:[(0,d.jsx)(b,{legend:a(`audience.picker.channels`),attr:`data-channel`,items:x.map(e=>({key:e.id,mark:e.name,label:l(e,o.language)})),chosen:t=>e.channels.some(e=>e.id===t),flip:t=>T({channels:y(e.channels,x.find(e=>e.id===t),w)})}),(0,d.jsx)(b,{legend:a(`audience.picker.tiers`),attr:`data-tier`,items:[1,2].map(e=>({key:String(e),mark:String(e),label:a(`tier.${e}`)})),chosen:t=>e.tiers.includes(Number(t)),flip:t=>T({tiers:y(e.tiers,Number(t),(e,t)=>e===t)})}),(0,d.jsx)(b,{legend:a(`audience.picker.territories`),attr:`data-territory`,items:S.map(e=>({key:e.id,mark:e.name,label:(0,d.jsxs)(d.Fragment,{children:[l(e,o.language),` `,(0,d.jsxs)(`span`,{className:`muted`,children:[`(`,e.region,`)`]})]})})),chosen:t=>e.territories.some(e=>e.id===t),flip:t=>T({territories:y(e.territories,S.find(e=>e.id===t),w)})}),(0,d.jsxs)(`fieldset`,{children:[(0,d.jsx)(`legend`,{children:a(`audience.picker.namedDealers`)}),e.dealers.length>0&&(0,d.jsx)(`ul`,{className:`chips`,children:e.dealers.map(t=>(0,d.jsxs)(`li`,{children:[t.name,` `,(0,d.jsx)(`button`,{type:`button`,className:`button button-quiet`,"aria-label":a(`audience.picker.removeDealer`,{name:t.name}),onClick:()=>T({dealers:e.dealers.filter(e=>e.id!==t.id)}),children:`×`})]},t.id))}),(0,d.jsx)(`label`,{htmlFor:m,children:a(`audience.picker.findDealer`)}),(0,d.jsx)(`input`,{id:m,type:`search`,value:g,onChange:e=>_(e.target.value)}),C.length>0&&(0,d.jsx)(`ul`,{className:`links dealer-candidates`,children:C.filter(t=>!e.dealers.some(e=>e.id===t.id)).map(t=>(0,d.jsx)(`li`,{children:(0,d.jsxs)(`button`,{type:`button`,className:`button button-quiet`,"data-dealer":t.name,onClick:()=>T({dealers:[...e.dealers,{id:t.id,name:t.name}]}),children:[`+ `,t.name,` `,(0,d.jsx)(`span`,{className:`muted mono`,children:t.code})]})},t.id))})]})]}),(0,d.jsxs)(`p`,{className:`audience-summary`,children:[a(`audience.picker.appliesTo`),` `,(0,d.jsx)(`strong`,{children:c(a,e,o.language===`zh`?`zh-CN`:`en`)})]}),n&&(0,d.jsx)(`p`,{className:`field-error`,role:`alert`,children:n})]})}export{g as a,v as i,p as n,m as o,h as r,_ as s,x as t};